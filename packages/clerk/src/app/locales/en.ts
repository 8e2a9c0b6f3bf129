import type { ClerkCatalog } from './zh-TW';

export const en: ClerkCatalog = {
  clerk: {
    appName: 'E-ticket redemption',
    loginTitle: 'Ticket clerk sign-in',
    nav: { redeem: 'Redeem', redemptions: 'Ticket list' },
    redeem: {
      title: 'Redeem a ticket',
    },
    redemptions: { title: 'Redemption list' },
  },
};
