import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { Permission, Role } from '../../common/auth/permissions.js';
import { Connection } from '../../common/graphql/connection.js';
import { createErrorType } from '../../common/graphql/user-error.js';
import { ApiKey } from './api-key.entity.js';
import { User } from './user.entity.js';

export enum SignInApp {
  SHOP = 'SHOP',
  ADMIN = 'ADMIN',
  CLERK = 'CLERK',
}
registerEnumType(SignInApp, {
  name: 'SignInApp',
  description: 'Which app the sign-in is for: SHOP takes shoppers, ADMIN takes admins, CLERK takes ticket clerks and admins.',
});

@ObjectType('Viewer', { description: 'The current principal: a signed-in account or an API key.' })
export class Viewer {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true, description: 'The account phone (prefills the recipient at checkout).' })
  phone?: string | null;

  @Field(() => Role)
  role!: Role;

  @Field(() => [Permission])
  permissions!: Permission[];
}

// --- customerRegister ---------------------------------------------------------------------------
export const CustomerRegisterErrors = createErrorType('CustomerRegisterError', {
  EMAIL_REQUIRED: { 'zh-TW': '請填寫電子郵件', en: 'An email address is required' },
  INVALID_EMAIL: { 'zh-TW': '電子郵件格式不正確', en: 'That email address is not valid' },
  EMAIL_TAKEN: { 'zh-TW': '此電子郵件已註冊', en: 'This email address is already registered' },
  PASSWORD_TOO_SHORT: { 'zh-TW': '密碼至少需要 8 個字元', en: 'The password needs at least 8 characters' },
  NAME_REQUIRED: { 'zh-TW': '請填寫姓名', en: 'Please enter your name' },
  INVALID_PHONE: { 'zh-TW': '手機號碼格式不正確', en: 'That phone number is not valid' },
  PHONE_TAKEN: { 'zh-TW': '此手機號碼已被其他帳號用於登入', en: 'This phone number already signs in to another account' },
});

@InputType({ description: 'A new shopper account. Email is required when the store requires it (K6) and to buy tickets.' })
export class CustomerRegisterInput {
  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => String)
  password!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Without an email the account signs in with this phone, which no other such account may use (PHONE_TAKEN). Spaces and dashes are ignored.',
  })
  phone?: string | null;
}

@ObjectType()
export class CustomerRegisterPayload {
  @Field(() => User, { nullable: true })
  user?: User | null;

  @Field(() => String, { nullable: true, description: 'A session token: the new shopper is signed in.' })
  token?: string | null;

  @Field(() => [CustomerRegisterErrors.ErrorType])
  errors: InstanceType<typeof CustomerRegisterErrors.ErrorType>[] = [];
}

// --- authLogin / authLogout ---------------------------------------------------------------------
export const AuthLoginErrors = createErrorType('AuthLoginError', {
  INVALID_CREDENTIALS: { 'zh-TW': '帳號或密碼錯誤', en: 'Wrong email or password' },
  WRONG_APP: { 'zh-TW': '此帳號無法登入{app}', en: 'This account cannot sign in to the {app}' },
  TOO_MANY_ATTEMPTS: { 'zh-TW': '嘗試次數過多，請 {seconds} 秒後再試', en: 'Too many attempts, try again in {seconds} seconds' },
});

@InputType()
export class AuthLoginInput {
  @Field(() => String, { description: 'Email (or, for shoppers registered without one, phone).' })
  email!: string;

  @Field(() => String)
  password!: string;

  @Field(() => SignInApp, { nullable: true, description: 'When given, only accounts that may use that app can sign in.' })
  app?: SignInApp | null;
}

@ObjectType()
export class AuthLoginPayload {
  @Field(() => String, { nullable: true, description: 'Send as `Authorization: Bearer <token>`; browsers also get it as an HttpOnly cookie.' })
  token?: string | null;

  @Field(() => Viewer, { nullable: true })
  viewer?: Viewer | null;

  @Field(() => [AuthLoginErrors.ErrorType])
  errors: InstanceType<typeof AuthLoginErrors.ErrorType>[] = [];
}

export const AuthLogoutErrors = createErrorType('AuthLogoutError', {
  NOT_SIGNED_IN: { 'zh-TW': '尚未登入', en: 'Not signed in' },
});

@ObjectType()
export class AuthLogoutPayload {
  @Field(() => Boolean)
  signedOut!: boolean;

  @Field(() => [AuthLogoutErrors.ErrorType])
  errors: InstanceType<typeof AuthLogoutErrors.ErrorType>[] = [];
}

// --- staff ----------------------------------------------------------------------------------------
const staffMessages = {
  STAFF_NOT_FOUND: { 'zh-TW': '找不到此管理者', en: 'No such staff member' },
  INVALID_EMAIL: { 'zh-TW': '電子郵件格式不正確', en: 'That email address is not valid' },
  EMAIL_TAKEN: { 'zh-TW': '此電子郵件已被使用', en: 'This email address is already in use' },
  PASSWORD_TOO_SHORT: { 'zh-TW': '密碼至少需要 8 個字元', en: 'The password needs at least 8 characters' },
  NAME_REQUIRED: { 'zh-TW': '請填寫姓名', en: 'Please enter a name' },
  INVALID_ROLE: { 'zh-TW': '角色必須是管理者或電子票券門市', en: 'The role must be ADMIN or TICKET_CLERK' },
  INVALID_PERMISSION: { 'zh-TW': '無效的權限', en: 'That permission cannot be given to staff' },
  STORE_USER_PERMISSIONS_IMMUTABLE: { 'zh-TW': '門市用戶的權限無法修改', en: "A store user's permissions can't be changed" },
  CANNOT_CHANGE_SELF: { 'zh-TW': '無法移除自己的管理者權限', en: 'You cannot remove your own staff permission' },
  CANNOT_DISABLE_SELF: { 'zh-TW': '無法停用自己的帳號', en: 'You cannot disable your own account' },
  PERMISSION_NOT_HELD: { 'zh-TW': '您沒有「{permission}」權限，因此無法授予', en: 'You do not hold {permission}, so you cannot grant it' },
  OWNER_PROTECTED: { 'zh-TW': '無法停用商店擁有者或減少其權限', en: "The store owner can't be disabled or have permissions removed by anyone else" },
} as const;
export const StaffCreateErrors = createErrorType('StaffCreateError', staffMessages);
export const StaffUpdatePermissionsErrors = createErrorType('StaffUpdatePermissionsError', staffMessages);
export const StaffDisableErrors = createErrorType('StaffDisableError', staffMessages);

@InputType()
export class StaffCreateInput {
  @Field(() => String)
  email!: string;

  @Field(() => String)
  password!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Role, { description: 'ADMIN or TICKET_CLERK (電子票券門市).' })
  role!: Role;

  @Field(() => [Permission], {
    nullable: true,
    description: "For admins; defaults to the creator's own. Only permissions the creator holds can be given (PERMISSION_NOT_HELD), which for a ticket clerk means its fixed ones.",
  })
  permissions?: Permission[] | null;
}

@InputType()
export class StaffUpdatePermissionsInput {
  @Field(() => ID)
  staffId!: string;

  @Field(() => [Permission])
  permissions!: Permission[];
}

@InputType()
export class StaffDisableInput {
  @Field(() => ID)
  staffId!: string;
}

@ObjectType()
export class StaffCreatePayload {
  @Field(() => User, { nullable: true })
  staff?: User | null;

  @Field(() => [StaffCreateErrors.ErrorType])
  errors: InstanceType<typeof StaffCreateErrors.ErrorType>[] = [];
}

@ObjectType()
export class StaffUpdatePermissionsPayload {
  @Field(() => User, { nullable: true })
  staff?: User | null;

  @Field(() => [StaffUpdatePermissionsErrors.ErrorType])
  errors: InstanceType<typeof StaffUpdatePermissionsErrors.ErrorType>[] = [];
}

@ObjectType()
export class StaffDisablePayload {
  @Field(() => User, { nullable: true })
  staff?: User | null;

  @Field(() => [StaffDisableErrors.ErrorType])
  errors: InstanceType<typeof StaffDisableErrors.ErrorType>[] = [];
}

export const StaffConnection = Connection(User, 'Staff');

// --- API keys -------------------------------------------------------------------------------------
const apiKeyMessages = {
  NAME_REQUIRED: { 'zh-TW': '請填寫名稱', en: 'Please enter a name' },
  INVALID_SCOPE: { 'zh-TW': '無效的權限範圍：{scope}', en: 'Unknown scope: {scope}' },
  API_KEY_NOT_FOUND: { 'zh-TW': '找不到此 API 金鑰', en: 'No such API key' },
  SCOPE_NOT_HELD: { 'zh-TW': '您沒有權限範圍「{scope}」所需的權限', en: 'You do not hold the permissions that scope {scope} grants' },
} as const;
export const ApiKeyCreateErrors = createErrorType('ApiKeyCreateError', apiKeyMessages);
export const ApiKeyRevokeErrors = createErrorType('ApiKeyRevokeError', apiKeyMessages);
export const ApiKeyUpdateErrors = createErrorType('ApiKeyUpdateError', {
  ...apiKeyMessages,
  API_KEY_REVOKED: { 'zh-TW': '此 API 金鑰已撤銷，無法修改', en: 'This API key is revoked and can no longer be changed' },
});

@InputType()
export class ApiKeyCreateInput {
  @Field(() => String)
  name!: string;

  @Field(() => [String], {
    description: 'Scopes: tickets:read, tickets:redeem, orders:read, catalog:write, reports:read. Only scopes whose permissions the creator holds (SCOPE_NOT_HELD).',
  })
  scopes!: string[];
}

@InputType()
export class ApiKeyRevokeInput {
  @Field(() => ID)
  apiKeyId!: string;
}

@ObjectType()
export class ApiKeyCreatePayload {
  @Field(() => ApiKey, { nullable: true })
  apiKey?: ApiKey | null;

  @Field(() => String, { nullable: true, description: 'The key itself. Shown this once; only a hash is stored.' })
  secret?: string | null;

  @Field(() => [ApiKeyCreateErrors.ErrorType])
  errors: InstanceType<typeof ApiKeyCreateErrors.ErrorType>[] = [];
}

@ObjectType()
export class ApiKeyRevokePayload {
  @Field(() => ApiKey, { nullable: true })
  apiKey?: ApiKey | null;

  @Field(() => [ApiKeyRevokeErrors.ErrorType])
  errors: InstanceType<typeof ApiKeyRevokeErrors.ErrorType>[] = [];
}

@InputType({ description: "I1: what to change of an API key; fields left out stay as they are. The secret never changes." })
export class ApiKeyUpdateInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => [String], {
    nullable: true,
    description: 'The whole new set of scopes (at least one). Scopes added must be ones whose permissions the caller holds (SCOPE_NOT_HELD); scopes the key already has may stay.',
  })
  scopes?: string[] | null;
}

@ObjectType()
export class ApiKeyUpdatePayload {
  @Field(() => ApiKey, { nullable: true })
  apiKey?: ApiKey | null;

  @Field(() => [ApiKeyUpdateErrors.ErrorType])
  errors: InstanceType<typeof ApiKeyUpdateErrors.ErrorType>[] = [];
}
