import 'reflect-metadata';
import { ApiKey } from './modules/identity/api-key.entity.js';
import { Session } from './modules/identity/session.entity.js';
import { User } from './modules/identity/user.entity.js';
import { Settings } from './modules/settings/settings.entity.js';

export const entities = [User, Session, ApiKey, Settings];
