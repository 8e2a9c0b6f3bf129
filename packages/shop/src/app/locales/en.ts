import type { ShopCatalog } from './zh-TW';

export const en: ShopCatalog = {
  shop: {
    storeName: 'E-ticket Store',
    register: 'Register',
    loginTitle: 'Sign in',
    loginIdentifier: 'Email or mobile phone',
    noAccount: 'No account yet?',
    haveAccount: 'Already have an account?',
    registerTitle: 'Create an account',
    registerHint: 'Buying e-tickets needs an email address: your QR codes are sent there.',
    home: {
      title: 'E-tickets',
      empty: 'No e-tickets on sale right now',
      emptyHint: 'New tickets will appear here.',
    },
  },
};
