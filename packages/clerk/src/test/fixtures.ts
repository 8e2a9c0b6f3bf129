/* The signed-in clerk; the redemption API's answers are shared with the admin app's tests. */
export * from '@ticket/ui/redemption/testing';

export const clerk = { id: '2', name: '林店員', email: 'clerk@example.com', role: 'TICKET_CLERK' as const, permissions: ['TICKETS_READ', 'TICKETS_REDEEM'] };
