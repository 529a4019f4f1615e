import type { ParseFilter, ScimFilter } from '@butterfly/domain/scim';
import { parse } from 'scim2-parse-filter';

/**
 * The filter grammar (RFC 7644 §3.4.2.2) from scim2-parse-filter; the domain guards its input and
 * decides what each expression means in SQL (docs/decisions/003-scim-filters-and-patch.md).
 */
export const parseFilter: ParseFilter = (text) => parse(text) as ScimFilter;
