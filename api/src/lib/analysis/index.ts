import { analyzeApplication, type Analysis } from '@mockroom/core/analysis';
import { scoreInterview } from '@mockroom/core/scoring';
import type { Report } from '@mockroom/core';

export type AnalyzeInput = Parameters<typeof analyzeApplication>[0];
export type ScoreInput = Parameters<typeof scoreInterview>[0];

export interface AnalysisService {
  analyze(input: AnalyzeInput): Promise<Analysis & { generator: string }>;
  score(input: ScoreInput): Promise<Report>;
}

export function createAnalysisService(config: { llmBaseUrl?: string; llmApiKey?: string; llmModel?: string; fetch?: typeof fetch }): AnalysisService {
  void config;
  return {
    async analyze(input) {
      return { ...analyzeApplication(input), generator: 'offline' };
    },
    async score(input) {
      return scoreInterview(input);
    },
  };
}
