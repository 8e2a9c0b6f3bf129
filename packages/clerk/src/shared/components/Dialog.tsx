import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';

/** A modal dialog: over everything, Escape closes it (unless busy), focus starts on `[data-autofocus]`. */
export function Dialog({ title, onClose, children, testId, onKeyDownCapture }: { title: string; onClose(): void; children: ReactNode; testId?: string; onKeyDownCapture?(event: KeyboardEvent<HTMLDivElement>): void }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    box.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
  }, []);
  return (
    <div className="overlay" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div
        ref={box}
        className="dialog stack"
        role="dialog"
        aria-modal="true"
        aria-label={title}
        data-testid={testId}
        onKeyDownCapture={onKeyDownCapture}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onClose();
        }}
      >
        <h2 className="title">{title}</h2>
        {children}
      </div>
    </div>
  );
}
