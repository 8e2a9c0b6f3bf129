import { Paper, ScrollArea, Text, Title } from '@mantine/core';
import { useId } from 'react';

/** K2: the ticket terms (票券注意事項), as the merchant wrote them (line breaks kept). */
export function TermsBox({ title, terms, maxHeight }: { title: string; terms: string; maxHeight?: number }) {
  const id = useId();
  return (
    <Paper withBorder p="md" bg="gray.0" component="section" aria-labelledby={id} data-testid="ticket-terms">
      <Title order={2} size="h4" id={id} mb="xs">
        {title}
      </Title>
      <ScrollArea.Autosize mah={maxHeight}>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {terms}
        </Text>
      </ScrollArea.Autosize>
    </Paper>
  );
}
