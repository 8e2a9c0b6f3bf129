import { LANGUAGES, useSession } from '@ticket/ui/core';
import { Suspense, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { unitCount, useCarts } from '../shared/cart';
import { CartIcon, MenuIcon } from '../shared/components/icons';
import { Button, ButtonLink, lite, PageSpinner } from '../shared/lite';
import { rememberReferral } from '../shared/referral';
import css from './shell.module.css';

/*
 * The shop's frame, drawn without Mantine (shared/lite): every page shows it first, so it is part of the
 * first load that the build holds to its budget (issue 15).
 */

/** Each language is named in itself, so anyone can find their own. */
const LANGUAGE_NAMES: Record<(typeof LANGUAGES)[number], string> = { 'zh-TW': '中文', en: 'EN' };

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const current = i18n.language === 'en' ? 'en' : 'zh-TW';
  return (
    <div className={css.languages} role="group" aria-label={t('common.language')} data-testid="language-switch">
      {LANGUAGES.map((language) => (
        <button key={language} type="button" className={css.language} aria-pressed={language === current} lang={language === 'en' ? 'en' : 'zh-Hant-TW'} onClick={() => void i18n.changeLanguage(language)}>
          {LANGUAGE_NAMES[language]}
        </button>
      ))}
    </div>
  );
}

function AccountLinks() {
  const { t } = useTranslation();
  const { viewer, loading, logout } = useSession();
  const [leaving, setLeaving] = useState(false);
  if (loading) return null;
  if (viewer) {
    return (
      <>
        <span className={css.viewer} data-testid="viewer-name">
          {viewer.name}
        </span>
        <Button
          variant="default"
          data-testid="logout"
          disabled={leaving}
          onClick={() => {
            setLeaving(true);
            void logout().finally(() => setLeaving(false));
          }}
        >
          {t('common.logout')}
        </Button>
      </>
    );
  }
  return (
    <>
      <ButtonLink to="/login" variant="default" data-testid="nav-login">
        {t('common.login')}
      </ButtonLink>
      <ButtonLink to="/register" data-testid="nav-register">
        {t('shop.register')}
      </ButtonLink>
    </>
  );
}

/** The cart link with the number of units in both carts. */
function CartButton() {
  const { t } = useTranslation();
  const { carts } = useCarts();
  const count = unitCount(carts.TICKET) + unitCount(carts.GOODS);
  return (
    <Link to="/cart" className={css.cart} data-testid="nav-cart">
      <CartIcon size={22} />
      {/* Named by its words (on phones only for screen readers), then the count as a phrase. */}
      <span className={`${lite.small} ${css.cartLabel}`}>{t('shop.nav.cart')}</span>
      <span className={css.cartCount} data-filled={count > 0 || undefined} data-testid="cart-badge" aria-hidden>
        {count}
      </span>
      <span className={lite.visuallyHidden}> {t('shop.cart.units', { count })}</span>
    </Link>
  );
}

/** On phones, account and language live behind one menu button (a disclosure: Tab moves through it). */
function MobileMenu() {
  const { t } = useTranslation();
  const { viewer, logout } = useSession();
  const [open, setOpen] = useState(false);
  const { pathname } = useLocation();
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);

  useEffect(() => setOpen(false), [pathname]);
  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      toggle.current?.focus();
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  return (
    <div className={`${css.menu} ${css.narrow}`} ref={root}>
      <button
        ref={toggle}
        type="button"
        className={lite.iconButton}
        aria-label={t('common.menu')}
        aria-expanded={open}
        aria-controls={panelId}
        data-testid="nav-menu"
        onClick={() => setOpen(!open)}
      >
        <MenuIcon />
      </button>
      {open && (
        <div className={css.menuPanel} id={panelId}>
          {viewer && <div className={css.menuLabel}>{viewer.name}</div>}
          <Link className={css.menuItem} to="/account/orders">
            {t('shop.nav.orders')}
          </Link>
          <Link className={css.menuItem} to="/cart">
            {t('shop.nav.cart')}
          </Link>
          <hr className={css.menuDivider} />
          {viewer ? (
            <button type="button" className={css.menuItem} onClick={() => void logout()}>
              {t('common.logout')}
            </button>
          ) : (
            <>
              <Link className={css.menuItem} to="/login">
                {t('common.login')}
              </Link>
              <Link className={css.menuItem} to="/register">
                {t('shop.register')}
              </Link>
            </>
          )}
          <hr className={css.menuDivider} />
          <div style={{ padding: '6px 12px' }}>
            <LanguageSwitch />
          </div>
        </div>
      )}
    </div>
  );
}

export function ShopLayout() {
  const { t } = useTranslation();
  const { search } = useLocation();
  useEffect(() => rememberReferral(search), [search]);
  return (
    <>
      {/* The bar's classes are global (shared/lite/base.css): index.html draws it before the app loads. */}
      <header className="shop-header">
        <div className="shop-bar">
          <Link to="/" className="shop-brand" data-testid="store-name">
            {t('shop.storeName')}
          </Link>
          <nav className={css.actions} aria-label={t('common.menu')}>
            <Link to="/account/orders" className={`${css.navLink} ${css.wide}`} data-testid="nav-account-orders">
              {t('shop.nav.orders')}
            </Link>
            <div className={`${css.actions} ${css.wide}`}>
              <LanguageSwitch />
              <AccountLinks />
            </div>
            <CartButton />
            <MobileMenu />
          </nav>
        </div>
      </header>
      <main className={css.main}>
        {/* Pages load as their own chunks (Mantine's with them): a spinner in the frame meanwhile. */}
        <Suspense fallback={<PageSpinner />}>
          <Outlet />
        </Suspense>
      </main>
    </>
  );
}
