import { Box } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { SuccessNotice, type Notice } from './SuccessNotice';

/** Navigation state that carries a one-time success message to the next page. */
export interface FlashState {
  notice?: Notice;
}

/**
 * Shows the success message a form passed along when it navigated here ("已儲存…"), once: the history
 * entry is cleared so a reload or Back doesn't show it again.
 */
export function FlashNotice() {
  const location = useLocation();
  const navigate = useNavigate();
  const [notice, setNotice] = useState(() => (location.state as FlashState | null)?.notice ?? null);

  useEffect(() => {
    const incoming = (location.state as FlashState | null)?.notice;
    if (!incoming) return;
    setNotice(incoming);
    void navigate({ pathname: location.pathname, search: location.search }, { replace: true, state: null });
  }, [location, navigate]);

  if (!notice) return null;
  return (
    <Box mb="md">
      <SuccessNotice notice={notice} onClose={() => setNotice(null)} />
    </Box>
  );
}
