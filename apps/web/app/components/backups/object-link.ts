/** Object ids can hold slashes (`policyId/ruleId`), so type and id travel in the query string. */
export const objectHref = (connectionId: string, snapshotId: string, type: string, id: string) =>
  `/connections/${connectionId}/snapshots/${snapshotId}/object?${new URLSearchParams({ type, id })}`;

export const historyHref = (connectionId: string, type: string, id: string) =>
  `/connections/${connectionId}/history?${new URLSearchParams({ type, id })}`;
