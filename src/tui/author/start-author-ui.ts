import { render } from 'ink';
import { createElement } from 'react';
import { AuthorApp, type AuthorAppProps } from './author-app.tsx';

/** Renders the author UI on the terminal and resolves when the author quits. */
export async function startAuthorUi(props: AuthorAppProps): Promise<void> {
  const instance = render(createElement(AuthorApp, props));
  await instance.waitUntilExit();
}
