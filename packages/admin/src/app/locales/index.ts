import { en } from './en';
import { zhTW } from './zh-TW';

export const catalogs = { 'zh-TW': zhTW, en };
