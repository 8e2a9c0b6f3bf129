import type pg from 'pg';

/**
 * A paid ticket order with `count` codes of `quantity` each, written straight to the database. Returns the codes.
 * The order line stays within checkout's bounds (at most 1,000 units, a CHECK since issue 16); only the codes
 * carry the benchmark's large quantities, so that one code can be redeemed for the whole run.
 */
export async function insertCodes(pool: pg.Pool, count: number, quantity: number): Promise<string[]> {
  const { rows } = await pool.query<{ code: string }>(
    `with p as (insert into product (id, kind, title, status, created_at, updated_at) values (gen_random_uuid(), 'TICKET', '壓測票券 Bench ticket', 'ACTIVE', now(), now()) returning id),
          v as (insert into variant (id, product_id, name, price) select gen_random_uuid(), p.id, '全票', 100 from p returning id),
          u as (select id from app_user where role = 'CUSTOMER' limit 1),
          o as (insert into customer_order (id, number, kind, status, customer_id, recipient_name, recipient_phone, subtotal, total, payment_method, idempotency_key, created_at, paid_at)
                select gen_random_uuid(), 'B' || substr(md5(random()::text), 1, 12), 'TICKET', 'PAID', u.id, '壓測', '0912345678', 100, 100, 'CREDIT_CARD', md5(random()::text), now(), now() from u returning id, number, customer_id),
          l as (insert into order_line (id, order_id, variant_id, product_title, variant_name, quantity, unit_price)
                select gen_random_uuid(), o.id, v.id, '壓測票券 Bench ticket', '全票', least($2::int, 1000), 100 from o, v returning id, order_id)
     insert into ticket_code (id, code, order_id, order_line_id, quantity, face_value, product_title, variant_name, holder_name, holder_phone, order_number, owner_id, created_at)
     select gen_random_uuid(), upper(substr(md5(random()::text || g::text), 1, 10)), o.id, l.id, $2, $2 * 100, '壓測票券 Bench ticket', '全票', '壓測', '0912345678', o.number, o.customer_id, now()
       from o, l, generate_series(1, $1) g
     returning code`,
    [count, quantity],
  );
  return rows.map((r) => r.code);
}
