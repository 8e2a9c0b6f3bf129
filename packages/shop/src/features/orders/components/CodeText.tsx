import { Text, type TextProps } from '@mantine/core';

/**
 * A code in monospace, in groups of five so a 25-character split code reads (and wraps) in pieces. The groups
 * are spans with a gap, not spaces: copying the code gives exactly the code.
 */
export function CodeText({ code, ...props }: TextProps & { code: string; 'data-testid'?: string; 'data-code'?: string }) {
  const groups = code.length > 10 ? (code.match(/.{1,5}/g) ?? [code]) : [code];
  return (
    <Text ff="monospace" fw={700} {...props}>
      {groups.map((group, i) => (
        <span key={i} style={{ display: 'inline-block', whiteSpace: 'nowrap', textDecoration: 'inherit', marginInlineEnd: i < groups.length - 1 ? '0.3em' : undefined }}>
          {group}
        </span>
      ))}
    </Text>
  );
}
