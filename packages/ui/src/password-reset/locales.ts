/**
 * Strings of the shared password-reset screens (B9), under the `passwordReset` section. An app that uses
 * them merges these catalogs into its own, as with `redemptionCatalogs`.
 */
export const passwordResetZhTW = {
  passwordReset: {
    forgotLink: '忘記密碼？',
    requestTitle: '忘記密碼',
    requestHint: '請輸入帳號的電子郵件，我們會寄出重設密碼的連結。',
    send: '寄出重設連結',
    sent: '如果這個電子郵件有帳號，我們已寄出重設連結。',
    sentHint: '連結在寄出後 {{minutes}} 分鐘內有效，且只能使用一次。沒有收到信？請檢查垃圾郵件匣，或稍後再申請一次。',
    sendAgain: '重新申請',
    backToLogin: '返回登入',
    resetTitle: '設定新密碼',
    newPassword: '新密碼',
    newPasswordHint: '至少 8 個字元',
    confirmPassword: '再次輸入新密碼',
    mismatch: '兩次輸入的密碼不一致',
    save: '設定新密碼',
    done: '密碼已更新',
    doneHint: '您在其他裝置上的登入都已登出，請使用新密碼登入。',
    toLogin: '前往登入',
    invalidTitle: '這個重設連結無法使用',
    invalidHint: '重設連結只能使用一次，並在寄出 30 分鐘後失效。請重新申請一次。',
    askAgain: '重新申請重設連結',
  },
};

export type PasswordResetCatalog = typeof passwordResetZhTW;

export const passwordResetEn: PasswordResetCatalog = {
  passwordReset: {
    forgotLink: 'Forgot password?',
    requestTitle: 'Forgot your password',
    requestHint: "Enter your account's email and we will send you a link to choose a new password.",
    send: 'Send reset link',
    sent: 'If an account uses this email, we have sent a reset link.',
    sentHint: 'The link works once, for {{minutes}} minutes after it is sent. No mail? Check your spam folder, or ask again a little later.',
    sendAgain: 'Ask again',
    backToLogin: 'Back to sign-in',
    resetTitle: 'Choose a new password',
    newPassword: 'New password',
    newPasswordHint: 'At least 8 characters',
    confirmPassword: 'New password again',
    mismatch: 'The two passwords differ',
    save: 'Set new password',
    done: 'Your password has been changed',
    doneHint: 'You have been signed out on your other devices. Sign in with your new password.',
    toLogin: 'Sign in',
    invalidTitle: 'This reset link cannot be used',
    invalidHint: 'A reset link works once, and only for 30 minutes after it is sent. Please ask for a new one.',
    askAgain: 'Ask for a new link',
  },
};

export const passwordResetCatalogs = { 'zh-TW': passwordResetZhTW, en: passwordResetEn };
