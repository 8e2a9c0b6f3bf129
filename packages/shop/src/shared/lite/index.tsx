/*
 * The shop's Mantine-free pieces. The shell (header), the home page and the product page use only these,
 * so a shopper's first load carries neither Mantine's script nor its stylesheet (issue 15: 170 KB gzip
 * JS + CSS, checked by the build); the other pages keep Mantine and load it with their own chunk.
 * Plain elements, styled by lite.module.css with the shop theme's values.
 */
import type { ButtonHTMLAttributes, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, type LinkProps } from 'react-router';
import css from './lite.module.css';

export { css as lite };

type Variant = 'filled' | 'default' | 'light' | 'danger';
type Size = 'xs' | 'sm' | 'md';

function buttonClass(variant: Variant = 'filled', size: Size = 'sm', fullWidth?: boolean): string {
  return [css.button, variant !== 'filled' && css[variant], size !== 'sm' && css[size], fullWidth && css.fullWidth].filter(Boolean).join(' ');
}

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: Variant;
  size?: Size;
  fullWidth?: boolean;
}

export function Button({ variant, size, fullWidth, className, type = 'button', ...props }: ButtonProps) {
  return <button type={type} className={[buttonClass(variant, size, fullWidth), className].filter(Boolean).join(' ')} {...props} />;
}

/** A link drawn as a button (navigation stays a link: middle-click, "open in new tab"). */
export function ButtonLink({ variant, size, fullWidth, className, ...props }: LinkProps & { variant?: Variant; size?: Size; fullWidth?: boolean }) {
  return <Link className={[buttonClass(variant, size, fullWidth), className].filter(Boolean).join(' ')} {...props} />;
}

export function Badge({ color = 'teal', variant = 'light', children }: { color?: 'teal' | 'gray' | 'blue' | 'orange'; variant?: 'light' | 'filled'; children: ReactNode }) {
  return (
    <span className={css.badge} data-color={color} data-variant={variant}>
      {children}
    </span>
  );
}

export function Alert({ color, title, role, children, ...data }: { color: 'red' | 'teal' | 'yellow'; title?: string; role?: 'alert' | 'status'; children?: ReactNode } & Record<`data-${string}`, string>) {
  return (
    <div className={css.alert} data-color={color} role={role} {...data}>
      {title && <p className={css.alertTitle}>{title}</p>}
      {children}
    </div>
  );
}

/** The page is loading: a spinner that says so to screen readers. */
export function PageSpinner() {
  const { t } = useTranslation();
  return (
    <div className={css.loader} role="status" aria-label={t('common.loading')}>
      <div className={css.spinner} />
    </div>
  );
}
