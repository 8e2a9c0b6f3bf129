/**
 * B6: TapPay's browser SDK (TPDirect), loaded from TapPay's own host when the checkout needs it, never
 * bundled: the card number, expiry and CCV are typed into TapPay's iframes and turned into a one-time
 * "prime" there, so card data never reaches our pages' code or our server.
 */

/** The SDK version this page is written against (TapPay's docs: "Create Token > TapPay Fields"). */
export const TAPPAY_SDK_URL = 'https://js.tappaysdk.com/sdk/tpdirect/v5.14.0';

/** 0 ok, 1 empty, 2 error, 3 typing. */
export type TapPayFieldState = 0 | 1 | 2 | 3;

export interface TapPayFieldsStatus {
  canGetPrime: boolean;
  hasError: boolean;
  cardType?: string;
  status: { number: TapPayFieldState; expiry: TapPayFieldState; ccv: TapPayFieldState };
}

export interface TapPayPrimeResult {
  /** 0 when a prime was made. */
  status: number;
  msg?: string;
  card?: { prime: string; lastfour?: string; type?: number };
}

interface TapPayField {
  element: HTMLElement | string;
  placeholder?: string;
}

/** The part of `window.TPDirect` the checkout uses. */
export interface TPDirect {
  setupSDK(appId: number, appKey: string, serverType: 'sandbox' | 'production'): void;
  card: {
    setup(config: { fields: { number: TapPayField; expirationDate: TapPayField; ccv: TapPayField }; styles?: Record<string, Record<string, string>> }): void;
    onUpdate(callback: (update: TapPayFieldsStatus) => void): void;
    getTappayFieldsStatus(): TapPayFieldsStatus;
    getPrime(callback: (result: TapPayPrimeResult) => void): void;
  };
}

declare global {
  interface Window {
    TPDirect?: TPDirect;
  }
}

let loading: Promise<TPDirect> | null = null;

/** Adds TapPay's script to the page once and resolves with `TPDirect`; a failed load can be tried again. */
export function loadTapPaySdk(src: string = TAPPAY_SDK_URL): Promise<TPDirect> {
  if (window.TPDirect) return Promise.resolve(window.TPDirect);
  loading ??= new Promise<TPDirect>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.async = true;
    script.dataset.tappaySdk = '';
    const fail = (message: string) => {
      loading = null;
      script.remove();
      reject(new Error(message));
    };
    script.onload = () => {
      if (!window.TPDirect) return fail('TapPay SDK loaded without TPDirect');
      loading = null; // from now on window.TPDirect answers
      resolve(window.TPDirect);
    };
    script.onerror = () => fail('TapPay SDK could not be loaded');
    document.head.appendChild(script);
  });
  return loading;
}
