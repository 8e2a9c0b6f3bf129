import type { ProductDetailFragment, ProductKind, ProductStatus, VariantInput } from '../../../gql/graphql';
import type { FieldErrors } from './fieldErrors';
import { isoToTaipeiInput, taipeiInputToIso } from './taipeiTime';

/** One row of the 票種 editor. `id` is null for a ticket type not saved yet. */
export interface VariantRow {
  /** Stable React key, also for rows without an id. */
  key: string;
  id: string | null;
  name: string;
  /** Whole TWD; '' while blank. */
  price: number | '';
  /** '' = unlimited. */
  stock: number | '';
  /** Taipei wall clock, `YYYY-MM-DDTHH:mm`, or ''. */
  saleStartsAt: string;
  saleEndsAt: string;
}

export interface ProductFormValues {
  kind: ProductKind;
  title: string;
  description: string;
  terms: string;
  /** One URL per line. */
  images: string;
  status: ProductStatus;
  validFrom: string;
  validUntil: string;
  shippingFee: number | '';
  freeShippingThreshold: number | '';
  variants: VariantRow[];
}

let nextKey = 0;
export const newRowKey = () => `row-${++nextKey}`;

export function emptyVariant(): VariantRow {
  return { key: newRowKey(), id: null, name: '', price: '', stock: '', saleStartsAt: '', saleEndsAt: '' };
}

export function emptyProduct(kind: ProductKind): ProductFormValues {
  return {
    kind,
    title: '',
    description: '',
    terms: '',
    images: '',
    status: 'DRAFT',
    validFrom: '',
    validUntil: '',
    shippingFee: kind === 'GOODS' ? 0 : '',
    freeShippingThreshold: '',
    variants: [emptyVariant()],
  };
}

export function productToValues(product: ProductDetailFragment): ProductFormValues {
  return {
    kind: product.kind,
    title: product.title,
    description: product.description,
    terms: product.terms,
    images: product.images.join('\n'),
    status: product.status,
    validFrom: isoToTaipeiInput(product.validFrom),
    validUntil: isoToTaipeiInput(product.validUntil),
    shippingFee: product.kind === 'GOODS' ? product.shippingFee : '',
    freeShippingThreshold: product.freeShippingThreshold ?? '',
    variants: product.variants.map((v) => ({
      key: v.id,
      id: v.id,
      name: v.name,
      price: v.price,
      stock: v.stockAvailable ?? '',
      saleStartsAt: isoToTaipeiInput(v.saleStartsAt),
      saleEndsAt: isoToTaipeiInput(v.saleEndsAt),
    })),
  };
}

/** Image URLs, one per line; blank lines dropped. */
export function imageList(images: string): string[] {
  return images
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

const intOrNull = (value: number | '') => (value === '' ? null : value);

/** What the API can't be asked at all: a ticket type without a price (price is `Int!`). */
export function missingRequired(values: ProductFormValues): FieldErrors {
  const errors: FieldErrors = {};
  values.variants.forEach((v, i) => {
    if (v.price === '') errors[`variants.${i}.price`] = ['required'];
  });
  return errors;
}

/**
 * The fields shared by productCreate and productUpdate. Variants are the full list in row order, so the
 * server's `variants.N.x` paths point at row N; rows removed from an existing product are archived.
 * Tickets send no shipping (K3).
 */
export function valuesToInput(values: ProductFormValues) {
  const ticket = values.kind === 'TICKET';
  return {
    title: values.title,
    description: values.description,
    terms: ticket ? values.terms : '',
    images: imageList(values.images),
    status: values.status,
    validFrom: ticket ? taipeiInputToIso(values.validFrom) : null,
    validUntil: ticket ? taipeiInputToIso(values.validUntil) : null,
    shippingFee: ticket ? null : intOrNull(values.shippingFee),
    freeShippingThreshold: ticket ? null : intOrNull(values.freeShippingThreshold),
    variants: values.variants.map(
      (v): VariantInput => ({
        ...(v.id ? { id: v.id } : {}),
        name: v.name,
        price: v.price === '' ? 0 : v.price,
        stock: intOrNull(v.stock),
        saleStartsAt: taipeiInputToIso(v.saleStartsAt),
        saleEndsAt: taipeiInputToIso(v.saleEndsAt),
      }),
    ),
  };
}
