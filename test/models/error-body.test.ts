import { describe, expect, it } from 'vitest';
import { isChatTemplateError, readErrorBody } from '../../src/models/index.ts';
import { toOpenAIErrorBody } from '../../src/models/error-body.ts';

describe('readErrorBody', () => {
  it('reads OpenAI\'s, llama.cpp\'s, vLLM\'s, Ollama\'s and FastAPI\'s shapes', () => {
    expect(readErrorBody('{"error":{"message":"m","type":"invalid_request_error","param":null,"code":"model_not_found"}}')).toEqual({ message: 'm', type: 'invalid_request_error', code: 'model_not_found' });
    expect(readErrorBody('{"error":{"code":500,"message":"m","type":"server_error"}}')).toEqual({ message: 'm', type: 'server_error', code: '500' });
    expect(readErrorBody('{"object":"error","message":"m","type":"BadRequestError","param":null,"code":400}')).toEqual({ message: 'm', type: 'BadRequestError', code: '400' });
    expect(readErrorBody('{"error":"Unauthorized"}')).toEqual({ message: 'Unauthorized' });
    expect(readErrorBody('{"detail":"Not Found"}')).toEqual({ message: 'Not Found' });
    expect(readErrorBody('{"detail":[{"msg":"a"},{"msg":"b"}]}')).toEqual({ message: 'a; b' });
  });

  it('gives up on what is not JSON of a known shape', () => {
    expect(readErrorBody('<html>502 Bad Gateway</html>')).toBeUndefined();
    expect(readErrorBody('[1,2]')).toBeUndefined();
    expect(readErrorBody('{"status":"down"}')).toBeUndefined();
  });
});

describe('toOpenAIErrorBody', () => {
  it('rewrites any body into OpenAI\'s shape, an HTML page as its text, an empty one as what it is', () => {
    expect(JSON.parse(toOpenAIErrorBody('{"object":"error","message":"m","type":"BadRequestError","param":null,"code":400}', 400, 'Bad Request'))).toEqual({ error: { message: 'm', type: 'BadRequestError', param: null, code: '400' } });
    expect(JSON.parse(toOpenAIErrorBody('<html><head><style>p{}</style></head><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>', 502, 'Bad Gateway')).error.message).toBe('502 Bad Gateway nginx');
    expect(JSON.parse(toOpenAIErrorBody('  ', 503, 'Service Unavailable')).error.message).toBe('Service Unavailable (the server sent an empty body)');
  });
});

describe('isChatTemplateError', () => {
  it('recognises jinja refusals, not other server errors', () => {
    expect(isChatTemplateError('Conversation roles must alternate user/assistant/user/assistant/...')).toBe(true);
    expect(isChatTemplateError('Error: Jinja Exception: After the optional system message, conversation roles must alternate')).toBe(true);
    expect(isChatTemplateError('System role not supported')).toBe(true);
    expect(isChatTemplateError('CUDA out of memory')).toBe(false);
  });
});
