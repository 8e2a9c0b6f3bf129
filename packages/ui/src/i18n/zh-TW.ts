/** Strings every SPA uses. Each app adds its own top-level sections. */
export const zhTW = {
  common: {
    language: '語言',
    email: '電子郵件',
    password: '密碼',
    name: '姓名',
    phone: '手機號碼',
    login: '登入',
    logout: '登出',
    loggingIn: '登入中…',
    loading: '載入中…',
    save: '儲存',
    saved: '已儲存',
    cancel: '取消',
    confirm: '確認',
    close: '關閉',
    copy: '複製',
    copied: '已複製',
    yes: '是',
    no: '否',
    required: '此欄位必填',
    comingSoon: '即將推出',
    comingSoonHint: '此功能將在後續版本提供。',
    networkError: '無法連線到伺服器，請稍後再試。',
    unexpectedError: '發生錯誤，請稍後再試。',
    notFound: '找不到此頁面',
    backHome: '回到首頁',
    menu: '選單',
  },
};

export type Catalog = typeof zhTW;
