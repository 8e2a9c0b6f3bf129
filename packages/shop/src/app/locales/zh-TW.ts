export const zhTW = {
  shop: {
    storeName: '電子票券商店',
    register: '註冊',
    loginTitle: '會員登入',
    loginIdentifier: '電子郵件或手機號碼',
    noAccount: '還沒有帳號？',
    haveAccount: '已經有帳號了？',
    registerTitle: '加入會員',
    registerHint: '購買電子票券需要電子郵件，票券 QR code 將寄送至此信箱。',
    home: {
      title: '電子票券',
      empty: '目前沒有販售中的電子票券',
      emptyHint: '新的票券上架後會顯示在這裡。',
    },
  },
};

export type ShopCatalog = typeof zhTW;
