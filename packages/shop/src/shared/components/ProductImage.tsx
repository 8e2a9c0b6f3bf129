import { useState, type ImgHTMLAttributes } from 'react';

/** Shown while a product has no image, or when its image can't be loaded (e.g. offline). */
const PLACEHOLDER = `data:image/svg+xml;utf8,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 160 90"><rect width="160" height="90" fill="#e6fcf5"/>' +
    '<g fill="none" stroke="#38d9a9" stroke-width="3" stroke-linejoin="round"><path d="M58 30h44v8a7 7 0 0 0 0 14v8H58v-8a7 7 0 0 0 0-14z"/>' +
    '<path d="M86 32v4M86 43v4M86 54v4"/></g></svg>',
)}`;

export interface ProductImageProps extends Omit<ImgHTMLAttributes<HTMLImageElement>, 'src' | 'alt'> {
  src: string | null | undefined;
  alt: string;
  /** The page's main image (the product page's cover): fetched early instead of lazily. */
  priority?: boolean;
}

/**
 * A product's cover: 16:9, cropped, with a neutral placeholder. Its box is sized before the image arrives
 * (width, height and aspect-ratio: nothing shifts), images below the fold load lazily, and an image host
 * that fails or never answers leaves the placeholder drawn behind it: the page never waits on images.
 */
export function ProductImage({ src, alt, priority, style, ...props }: ProductImageProps) {
  const [failed, setFailed] = useState(false);
  return (
    <img
      src={src && !failed ? src : PLACEHOLDER}
      alt={alt}
      width={640}
      height={360}
      loading={priority ? 'eager' : 'lazy'}
      decoding="async"
      fetchPriority={priority ? 'high' : 'low'}
      onError={() => setFailed(true)}
      style={{
        display: 'block',
        width: '100%',
        height: 'auto',
        aspectRatio: '16 / 9',
        objectFit: 'cover',
        background: `#e6fcf5 url("${PLACEHOLDER}") center / cover no-repeat`,
        ...style,
      }}
      {...props}
    />
  );
}
