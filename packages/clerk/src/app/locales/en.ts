import type { ClerkCatalog } from './zh-TW';

export const en: ClerkCatalog = {
  clerk: {
    appName: 'E-ticket redemption',
    loginTitle: 'Ticket clerk sign-in',
    nav: { redeem: 'Redeem', redemptions: 'Redemption list' },
    redeem: {
      title: 'Redeem a ticket',
      code: 'Redemption code',
      codePlaceholder: 'Scan or type the code',
      view: 'View ticket',
      lookupSoon: 'Looking up and redeeming tickets is coming soon.',
    },
    redemptions: { title: 'Redemption list' },
  },
};
