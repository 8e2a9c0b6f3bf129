import { commonEn, passwordResetEn, redemptionEn } from '../../shared/ui-source';
import { en } from './en';

export const enCatalog = { ...commonEn, ...redemptionEn, ...passwordResetEn, ...en };
