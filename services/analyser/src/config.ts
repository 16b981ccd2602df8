// The analyser's environment.
import { type Static, Type } from '@sinclair/typebox';
import { CommonConfig } from '@ledarsteg/service-kit';

export const AnalyserConfig = Type.Composite([
  CommonConfig,
  Type.Object({
    PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3002 }),
  }),
]);
export type AnalyserConfig = Static<typeof AnalyserConfig>;
