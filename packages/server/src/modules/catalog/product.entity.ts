import { ArrayType, Collection, Entity, Enum, OneToMany, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Authorized, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Permission } from '../../common/auth/permissions.js';
import { Variant } from './variant.entity.js';

export enum ProductKind {
  TICKET = 'TICKET',
  GOODS = 'GOODS',
}
registerEnumType(ProductKind, { name: 'ProductKind', description: 'C1: an e-ticket (電子票券) or ordinary goods.' });

export enum ProductStatus {
  DRAFT = 'DRAFT',
  ACTIVE = 'ACTIVE',
  ARCHIVED = 'ARCHIVED',
}
registerEnumType(ProductStatus, { name: 'ProductStatus', description: 'Only ACTIVE products are on sale.' });

@Entity({ tableName: 'product' })
@ObjectType('Product', { description: 'Something the store sells: an e-ticket product with ticket types (票種), or goods.' })
export class Product {
  [OptionalProps]?: 'id' | 'description' | 'terms' | 'images' | 'status' | 'shippingFee' | 'offlineRedemption' | 'offlineWindowHours' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @Enum({ items: () => ProductKind, type: 'string' })
  @Field(() => ProductKind)
  kind!: ProductKind;

  @Property({ type: 'string' })
  @Field(() => String)
  title!: string;

  @Property({ type: 'text', default: '' })
  @Field(() => String)
  description: string = '';

  @Property({ type: 'text', default: '' })
  @Field(() => String, { description: 'Ticket terms (票券注意事項): shown on the product page, at checkout and in the email.' })
  terms: string = '';

  @Property({ type: ArrayType, columnType: 'text[]', default: '{}' })
  @Field(() => [String], { description: 'Image URLs, first is the cover.' })
  images: string[] = [];

  @Enum({ items: () => ProductStatus, type: 'string', default: ProductStatus.DRAFT })
  @Field(() => ProductStatus)
  status: ProductStatus = ProductStatus.DRAFT;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'Tickets can be redeemed from this moment (e.g. the event day).' })
  validFrom?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'Tickets can be redeemed until this moment.' })
  validUntil?: Date | null;

  @Property({ type: 'integer', default: 0 })
  @Field(() => Int, { description: 'C4: flat shipping fee for goods (always 0 for tickets, K3).' })
  shippingFee: number = 0;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: 'C4: goods orders at or above this subtotal ship free.' })
  freeShippingThreshold?: number | null;

  /** B7: clerk devices may download this product's codes (hashed) and redeem single-unit codes offline. Default off. */
  @Property({ type: 'boolean', default: false })
  @Field(() => Boolean, { description: 'B7: offline redemption at the gate is on for this product (default off). Requires CATALOG_MANAGE or TICKETS_READ.' })
  @Authorized(Permission.CATALOG_MANAGE, Permission.TICKETS_READ)
  offlineRedemption: boolean = false;

  /** B7: how long an offline snapshot of this product may be used, in hours (1 to 72). */
  @Property({ type: 'integer', default: 12 })
  @Field(() => Int, { description: 'B7: hours an offline snapshot stays usable (1 to 72, default 12). Requires CATALOG_MANAGE or TICKETS_READ.' })
  @Authorized(Permission.CATALOG_MANAGE, Permission.TICKETS_READ)
  offlineWindowHours: number = 12;

  @OneToMany(() => Variant, (v) => v.product, { orderBy: { position: 'asc' } })
  variants = new Collection<Variant>(this);

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  @Field(() => Date)
  updatedAt: Date = new Date();
}
