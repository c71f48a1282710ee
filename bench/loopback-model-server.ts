// A child process for the harness benchmark: the loopback chat-completions server playing the scripted
// support conversation, every reply after a fixed latency. Prints its base URL, then serves until killed.
// Run: node --import tsx bench/loopback-model-server.ts <latency ms> [chat|one-line]
import { startChatCompletionsServer, withFixedLatency } from '../src/models/testing/index.ts';
import { REPLY_LENGTHS, scriptedSupportConversation, type ReplyLength } from './scripted-support-conversation.ts';

const length = (process.argv[3] ?? 'chat') as ReplyLength;
if (!REPLY_LENGTHS.includes(length)) throw new Error(`reply length must be one of ${REPLY_LENGTHS.join(', ')}; got ${length}`);
const server = await startChatCompletionsServer(withFixedLatency(Number(process.argv[2] ?? 100), scriptedSupportConversation(length)));
// The server keeps every request it was sent; a benchmark sends hundreds of thousands.
setInterval(() => void (server.requests.length = 0), 500).unref();
process.stdout.write(`${server.baseURL}\n`);
