export const zhTW = {
  clerk: {
    appName: '電子票券核銷',
    loginTitle: '門市店員登入',
    nav: { redeem: '核銷票券頁', redemptions: '票券核銷列表' },
    redeem: {
      title: '核銷票券頁',
    },
    redemptions: { title: '票券核銷列表' },
  },
};

export type ClerkCatalog = typeof zhTW;
