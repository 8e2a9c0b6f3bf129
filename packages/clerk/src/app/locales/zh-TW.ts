export const zhTW = {
  clerk: {
    appName: '電子票券核銷',
    loginTitle: '門市店員登入',
    nav: { redeem: '核銷票券頁', redemptions: '票券核銷列表' },
    redeem: {
      title: '核銷票券頁',
      code: '核銷碼',
      codePlaceholder: '掃描或輸入核銷碼',
      view: '查看票券',
      lookupSoon: '票券查詢與核銷即將推出。',
    },
    redemptions: { title: '票券核銷列表' },
  },
};

export type ClerkCatalog = typeof zhTW;
