import type { IDisplayOptions } from 'n8n-workflow';

/** A field's or picker's versions of the GREEN-API node: shown in version 1 only, or from version 2 on. */
export type VersionShow = NonNullable<IDisplayOptions['show']>;
export const VERSION_1: VersionShow = { '@version': [1] };
export const FROM_VERSION_2: VersionShow = { '@version': [{ _cnd: { gte: 2 } }] };
