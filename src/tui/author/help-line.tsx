import { Text } from 'ink';

/** The keys of the current screen, at the bottom: `a add · d delete · q quit`. */
export function HelpLine({ keys, separator = ' · ' }: { keys: readonly string[]; separator?: string }) {
  return (
    <Text dimColor wrap="wrap">
      {keys.join(separator)}
    </Text>
  );
}
