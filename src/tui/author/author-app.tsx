import { useApp } from 'ink';
import { useState } from 'react';
import type { Blueprint } from '../../blueprints/blueprint.ts';
import type { BaseState, Domain } from '../../domain-kit/index.ts';
import type { ChatModel } from '../../models/index.ts';
import { AuthorEditor } from './author-editor.tsx';
import { createSession, sessionFromBlueprint, type AuthorSession } from './author-model.ts';
import { DomainPicker } from './domain-picker.tsx';
import { ScreenKeyRoot } from './screen-keys.tsx';
import { useTerminalSize, type TerminalSize } from './terminal-size.ts';
import type { AuthorSaveTarget } from './save-authored-blueprint.ts';

export interface AuthorAppProps {
  /** The domains to choose from when none is given. */
  domains: readonly Domain[];
  /** The base state of a domain (the shipped default data, or the data folder the CLI was given). */
  baseFor(domain: Domain): BaseState;
  /** Start in this domain (skips the domain picker). */
  domain?: Domain;
  /** Edit this blueprint (its domain must be `domain`, or among `domains`). */
  blueprint?: Blueprint;
  /** The file `blueprint` was read from. */
  blueprintFile?: string;
  /** Recorded in the provenance of a new blueprint. */
  author?: string;
  /** Where blueprints are saved (the working folder by default; see save-authored-blueprint.ts). */
  saveTarget: AuthorSaveTarget;
  now(): Date;
  reviewers?: readonly ChatModel[];
  size?: TerminalSize;
  onSaved?(file: string, blueprint: Blueprint): void;
  /** Called when the author quits, before ink exits. */
  onExit?(): void;
}

function initialSession(props: AuthorAppProps): AuthorSession | undefined {
  const { blueprint } = props;
  if (blueprint) {
    const domain = props.domain ?? props.domains.find((candidate) => candidate.name === blueprint.domain);
    if (!domain) throw new RangeError(`no domain "${blueprint.domain}" for blueprint ${blueprint.id}`);
    return sessionFromBlueprint(domain, props.baseFor(domain), blueprint, props.blueprintFile);
  }
  if (!props.domain) return undefined;
  return createSession({ domain: props.domain, base: props.baseFor(props.domain), ...(props.author ? { author: props.author } : {}) });
}

/** `interplay author`: pick a domain (unless given), then edit one blueprint until you quit. */
export function AuthorApp(props: AuthorAppProps) {
  const app = useApp();
  const size = useTerminalSize(props.size);
  const [session, setSession] = useState<AuthorSession | undefined>(() => initialSession(props));
  const exit = () => {
    props.onExit?.();
    app.exit();
  };
  const screen = session ? (
    <AuthorEditor
      initialSession={session}
      saveTarget={props.saveTarget}
      now={props.now}
      size={size}
      onExit={exit}
      {...(props.reviewers ? { reviewers: props.reviewers } : {})}
      {...(props.onSaved ? { onSaved: props.onSaved } : {})}
    />
  ) : (
    <DomainPicker
      domains={props.domains}
      size={size}
      onPick={(domain) => setSession(createSession({ domain, base: props.baseFor(domain), ...(props.author ? { author: props.author } : {}) }))}
      onCancel={exit}
    />
  );
  // Every screen takes its keys through this root's one subscription (see screen-keys.tsx).
  return <ScreenKeyRoot>{screen}</ScreenKeyRoot>;
}
