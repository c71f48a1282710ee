import type { BlueprintAction } from '../../blueprints/blueprint.ts';
import type { ToolExecution } from '../../domain-kit/index.ts';

/** `name key="value" key=[...]`: an action's call on one line. */
export const describeCall = (action: BlueprintAction): string => [action.name, ...Object.entries(action.arguments).map(([key, value]) => `${key}=${JSON.stringify(value)}`)].join(' ');

/** Whether an action turned out as meant: it succeeded, or it failed and was expected to. */
export const asMeant = (action: BlueprintAction, result: ToolExecution | undefined): boolean => result !== undefined && result.ok !== (action.expectError === true);
