import { Image, type ImageProps } from '@mantine/core';

/** Shown while a product has no image, or when its image can't be loaded (e.g. offline). */
const PLACEHOLDER = `data:image/svg+xml;utf8,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 160 90"><rect width="160" height="90" fill="#e6fcf5"/>' +
    '<g fill="none" stroke="#38d9a9" stroke-width="3" stroke-linejoin="round"><path d="M58 30h44v8a7 7 0 0 0 0 14v8H58v-8a7 7 0 0 0 0-14z"/>' +
    '<path d="M86 32v4M86 43v4M86 54v4"/></g></svg>',
)}`;

/** A product's cover: 16:9, cropped, with a neutral placeholder. */
export function ProductImage({ src, alt, ...props }: { src: string | null | undefined; alt: string } & Omit<ImageProps, 'src'>) {
  return <Image src={src || PLACEHOLDER} fallbackSrc={PLACEHOLDER} alt={alt} fit="cover" style={{ aspectRatio: '16 / 9' }} {...props} />;
}
