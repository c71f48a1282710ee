export { defineCalculateTool } from './calculate-tool.ts';
export { defineThinkTool } from './think-tool.ts';
export { defineTransferToHumanAgentsTool } from './transfer-to-human-agents-tool.ts';
