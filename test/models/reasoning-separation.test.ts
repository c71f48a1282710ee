import { describe, expect, it } from 'vitest';
import { joinThoughts, separateThinking } from '../../src/models/index.ts';

describe('separateThinking', () => {
  it('takes a leading <think> block out and trims what is left', () => {
    expect(separateThinking('<think>\nThe user wants a refund.\n</think>\n\nI can help with that.')).toEqual({ content: 'I can help with that.', reasoning: 'The user wants a refund.', found: true });
  });

  it('reads a reply that ended inside its thinking as all thinking', () => {
    expect(separateThinking('<think>I should first check the order and then')).toEqual({ content: '', reasoning: 'I should first check the order and then', found: true });
  });

  it('reads text before a lone </think> as thinking (templates that open the block in the prompt)', () => {
    expect(separateThinking('Let me check the policy.\n</think>\n\nYes, please go ahead. ###STOP###')).toEqual({ content: 'Yes, please go ahead. ###STOP###', reasoning: 'Let me check the policy.', found: true });
  });

  it('takes every block out, wherever it is, and joins the thoughts', () => {
    expect(separateThinking('<think>one</think>Hello <think>two</think>there.')).toEqual({ content: 'Hello there.', reasoning: 'one\n\ntwo', found: true });
  });

  it('strips an empty block (Qwen3 with thinking off) without inventing reasoning', () => {
    expect(separateThinking('<think>\n\n</think>\n\nHi!')).toEqual({ content: 'Hi!', reasoning: undefined, found: true });
  });

  it('leaves content without think tags exactly as it was', () => {
    expect(separateThinking('  Just text, with spaces.  ')).toEqual({ content: '  Just text, with spaces.  ', reasoning: undefined, found: false });
  });

  it('joins thoughts once each, dropping empty and repeated pieces', () => {
    expect(joinThoughts(['a', undefined, ' a ', '', null, 'b'])).toBe('a\n\nb');
    expect(joinThoughts([undefined, '  '])).toBeUndefined();
  });
});
