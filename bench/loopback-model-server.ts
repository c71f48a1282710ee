// A child process for the harness benchmark: the loopback chat-completions server playing the scripted
// support conversation, every reply after a fixed latency. Prints its base URL, then serves until killed.
// Run: node --import tsx bench/loopback-model-server.ts <latency ms>
import { startChatCompletionsServer, withFixedLatency } from '../src/models/testing/index.ts';
import { scriptedSupportConversation } from './scripted-support-conversation.ts';

const server = await startChatCompletionsServer(withFixedLatency(Number(process.argv[2] ?? 100), scriptedSupportConversation));
// The server keeps every request it was sent; a benchmark sends hundreds of thousands.
setInterval(() => void (server.requests.length = 0), 500).unref();
process.stdout.write(`${server.baseURL}\n`);
