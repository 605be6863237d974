/** The element id of an item's first control, for error-summary links and focus. */
export const itemDomId = (itemKey: string): string => `item-${itemKey.replace(/[^a-z0-9-]/gi, '-')}`;
