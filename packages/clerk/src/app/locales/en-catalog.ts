import { commonEn, redemptionEn } from '../../shared/ui-source';
import { en } from './en';

export const enCatalog = { ...commonEn, ...redemptionEn, ...en };
