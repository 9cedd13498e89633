import nock from 'nock';
import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { GreenApi } from '../nodes/GreenApi/GreenApi.node';
import { PAGE_SIZE } from '../nodes/GreenApi/listSearch';
import { API_URL, apiPath, runNode, runNodeError, searchList, TOKEN } from './helpers/harness';
import { expectNoSecret } from './helpers/secrets';

const CHAT = '79001234567@c.us';
const GROUP = '120363043968066561@g.us';
const rl = (mode: string, value: string): IDataObject => ({ __rl: true, mode, value });

/** Answers sendMessage once, recording the body it got. */
function expectSend(): IDataObject[] {
	const bodies: IDataObject[] = [];
	nock(API_URL)
		.post(apiPath('sendMessage'))
		.reply(200, (_uri, body) => {
			bodies.push(body as IDataObject);
			return { idMessage: 'BAE5A1' };
		});
	return bodies;
}

afterEach(() => nock.cleanAll());

describe('chat pickers: what each mode sends', () => {
	it.each([
		['From List', rl('list', CHAT), CHAT],
		['By ID', rl('id', ' 120363043968066561@g.us '), GROUP],
		['By Phone Number', rl('phone', '+7 (900) 123-45-67'), CHAT],
		['By Phone Number, 00 prefix', rl('phone', '0079001234567'), CHAT],
		['an old plain string carried into version 2', '+7 900 123 45 67', CHAT],
	])('%s', async (_mode, chatId, sent) => {
		const bodies = expectSend();
		const [output] = await runNode({ parameters: { resource: 'message', operation: 'send', chatId, message: 'Hi' } });
		expect(bodies).toEqual([{ chatId: sent, message: 'Hi' }]);
		expect(output.map((item) => item.json)).toEqual([{ chatId: sent, idMessage: 'BAE5A1' }]);
	});

	it('reads an expression in a picker for each item', async () => {
		const bodies: IDataObject[] = [];
		nock(API_URL)
			.post(apiPath('sendMessage'))
			.times(2)
			.reply(200, (_uri, body) => {
				bodies.push(body as IDataObject);
				return { idMessage: `BAE5A${bodies.length}` };
			});
		await runNode({
			parameters: { resource: 'message', operation: 'send', chatId: rl('phone', '={{ $json.phone }}'), message: 'Hi' },
			items: [{ phone: '+7 900 123-45-67' }, { phone: '+44 20 7946 0958' }],
		});
		expect(bodies.map((body) => body.chatId)).toEqual([CHAT, '442079460958@c.us']);
	});

	it.each([
		['By ID given a phone number', rl('id', '+7 900 123-45-67'), 'Invalid Chat "+7 900 123-45-67" in item 0: expected a chat id such as 79001234567@c.us, 120363043968066561@g.us or 123456789012345@lid (for a phone number choose "By Phone Number")'],
		['By Phone Number given a chat id', rl('phone', GROUP), `Invalid Chat "${GROUP}" in item 0: expected a phone number with country code, such as +7 900 123-45-67 or 79001234567`],
		['From List left empty', rl('list', ''), 'The Chat of item 0 is empty: expected a chat id such as 79001234567@c.us, 120363043968066561@g.us or 123456789012345@lid, or a phone number with country code'],
		['By Phone Number with an expression that gives nothing', rl('phone', '={{ $json.missing }}'), 'The Chat of item 0 is empty: expected a phone number with country code, such as +7 900 123-45-67 or 79001234567'],
	])('%s fails the item, naming the field, and sends nothing', async (_case, chatId, message) => {
		let requests = 0;
		nock(API_URL)
			.post(apiPath('sendMessage'))
			.optionally()
			.reply(200, () => {
				requests++;
				return { idMessage: 'BAE5A1' };
			});
		const error = await runNodeError({ parameters: { resource: 'message', operation: 'send', chatId, message: 'Hi' } });
		expect(error.message).toBe(message);
		expect(requests).toBe(0);
	});

	it('a group field takes a group by id; a participant field a person by phone number', async () => {
		let body: IDataObject = {};
		nock(API_URL)
			.post(apiPath('addGroupParticipant'))
			.reply(200, (_uri, got) => {
				body = got as IDataObject;
				return { addParticipant: true };
			});
		const [output] = await runNode({
			parameters: { resource: 'group', operation: 'addParticipant', groupId: rl('id', GROUP), participantChatId: rl('phone', '+7 900 123-45-67') },
		});
		expect(body).toEqual({ groupId: GROUP, participantChatId: CHAT });
		expect(output[0].json).toEqual({ groupId: GROUP, participantChatId: CHAT, added: true });
	});

	it.each([
		['a mode the field does not have', { resource: 'message', operation: 'send', chatId: rl('url', CHAT), message: 'Hi' }, 'The Chat of item 0 has an unknown mode "url"'],
		['By Phone Number on a group', { resource: 'group', operation: 'get', groupId: rl('phone', '+7 900 123-45-67') }, 'The Group of item 0 has an unknown mode "phone"'],
	])('%s fails the item and sends nothing', async (_case, parameters, message) => {
		let requests = 0;
		nock(API_URL)
			.post(/.*/)
			.optionally()
			.reply(200, () => {
				requests++;
				return {};
			});
		const error = await runNodeError({ parameters });
		expect(error.message).toBe(message);
		expect(requests).toBe(0);
	});

	it('a group picked By ID must be a group', async () => {
		const error = await runNodeError({ parameters: { resource: 'group', operation: 'get', groupId: rl('id', CHAT) } });
		expect(error.message).toBe(
			`Invalid Group "${CHAT}" in item 0: expected a group id such as 120363043968066561@g.us or 79001234567-1479621234@g.us`,
		);
	});
});

describe('saved version-1 workflows keep their typed ids', () => {
	it('a version-1 node sends to the plain string it saved (a phone number)', async () => {
		const bodies = expectSend();
		await runNode({ typeVersion: 1, parameters: { resource: 'message', operation: 'send', chatId: '+7 900 123-45-67', message: 'Hi' } });
		expect(bodies).toEqual([{ chatId: CHAT, message: 'Hi' }]);
	});

	it('a version-1 node names the field as it shows it', async () => {
		const error = await runNodeError({ typeVersion: 1, parameters: { resource: 'message', operation: 'send', chatId: 'nobody', message: 'Hi' } });
		expect(error.message).toMatch(/^Invalid Chat ID "nobody" in item 0: expected a chat id such as/);
	});
});

/** The node's chat, group and participant fields, by version. */
function chatFields(version: number): INodeProperties[] {
	const node: INode = { id: '1', name: 'GREEN-API', type: 'n8n-nodes-greenapi.greenApi', typeVersion: version, position: [0, 0], parameters: {} };
	const description = new GreenApi().description;
	return description.properties.filter(
		(property) =>
			['chatId', 'groupId', 'participantChatId', 'fromChatId'].includes(property.name) &&
			(property.displayOptions?.show?.['@version'] === undefined ||
				NodeHelpers.displayParameter({ ...property.displayOptions.show, resource: undefined, operation: undefined } as never, { ...property, displayOptions: { show: { '@version': property.displayOptions.show['@version'] } } }, node, description)),
	);
}

describe('the fields each version shows', () => {
	it('version 1: every chat, group and participant field is a typed id', () => {
		const fields = chatFields(1);
		expect(fields.length).toBeGreaterThanOrEqual(30);
		expect(new Set(fields.map((field) => field.type))).toEqual(new Set(['string']));
	});

	it('version 2: every one is a picker, From List first; groups have no By Phone Number', () => {
		const fields = chatFields(2);
		expect(fields.length).toBe(chatFields(1).length);
		for (const field of fields) {
			expect(field.type).toBe('resourceLocator');
			expect(field.default).toEqual({ mode: 'list', value: '' });
			const modes = field.modes?.map((mode) => mode.name);
			expect(modes).toEqual(field.name === 'groupId' ? ['list', 'id'] : ['list', 'id', 'phone']);
		}
		const lists = new Set(fields.map((field) => `${field.name}: ${field.modes?.[0].typeOptions?.searchListMethod}`));
		expect(lists).toEqual(
			new Set(['chatId: searchChats', 'chatId: searchContacts', 'fromChatId: searchChats', 'groupId: searchGroups', 'participantChatId: searchContacts']),
		);
	});

	it('the editor flags a By ID or By Phone Number value that cannot be one, and not an expression', () => {
		const description = new GreenApi().description;
		const issuesOf = (chatId: IDataObject) => {
			const parameters = { resource: 'message', operation: 'send', chatId, message: 'Hi' };
			const node: INode = { id: '1', name: 'GREEN-API', type: 'n8n-nodes-greenapi.greenApi', typeVersion: 2, position: [0, 0], parameters: parameters as INode['parameters'] };
			const all = NodeHelpers.getNodeParameters(description.properties, node.parameters, true, false, node, description);
			return NodeHelpers.getNodeParametersIssues(description.properties, { ...node, parameters: all! }, description)?.parameters?.chatId;
		};
		expect(issuesOf(rl('id', 'Anna'))).toEqual(['Not a chat id such as 79001234567@c.us, 120363043968066561@g.us or 123456789012345@lid']);
		expect(issuesOf(rl('phone', 'call me'))).toEqual(['Not a phone number with country code, such as +7 900 123-45-67 or 79001234567']);
		expect(issuesOf(rl('list', ''))).toEqual(['Parameter "Chat" is required.']);
		expect(issuesOf(rl('id', CHAT))).toBeUndefined();
		expect(issuesOf(rl('phone', '+7 (900) 123-45-67'))).toBeUndefined();
		expect(issuesOf(rl('id', '={{ $json.chat }}'))).toBeUndefined();
	});
});

describe('the pickers’ lists', () => {
	const chats = [
		{ id: CHAT, name: 'Anna Petrova', type: 'user', archive: false },
		{ id: GROUP, name: 'Project Team', type: 'group', archive: false },
		{ id: '123456789012345@lid', name: '', type: 'user', archive: false },
		{ id: '79005554433@c.us', name: 'Boris', type: 'user', archive: true },
	];

	it('From List shows chats from getChats, most recent first, with names and ids', async () => {
		const scope = nock(API_URL).get(apiPath('getChats')).reply(200, chats);
		const page = await searchList('searchChats', { resource: 'message', operation: 'send' });
		expect(scope.isDone()).toBe(true);
		expect(page).toEqual({
			results: [
				{ name: `Anna Petrova (${CHAT})`, value: CHAT },
				{ name: `Project Team (${GROUP})`, value: GROUP },
				{ name: '123456789012345@lid', value: '123456789012345@lid' },
				{ name: 'Boris (79005554433@c.us)', value: '79005554433@c.us' },
			],
			paginationToken: undefined,
		});
	});

	it.each([
		['a name, in any case', 'anna', [CHAT]],
		['part of a name', 'team', [GROUP]],
		['a phone number in any writing', '+7 (900) 555-44-33', ['79005554433@c.us']],
		['some digits of an id', '1234567', [CHAT, '123456789012345@lid']],
		['nothing that matches', 'Zoe', []],
	])('the search box finds %s', async (_what, filter, ids) => {
		nock(API_URL).get(apiPath('getChats')).reply(200, chats);
		const page = await searchList('searchChats', {}, filter);
		expect(page.results.map((entry) => entry.value)).toEqual(ids);
	});

	it('pages long lists, each page a new look at getChats', async () => {
		const many = Array.from({ length: 120 }, (_, index) => ({ id: `7900100${String(index).padStart(4, '0')}@c.us`, name: `Contact ${index}`, type: 'user' }));
		const scope = nock(API_URL).get(apiPath('getChats')).times(3).reply(200, many);
		const first = await searchList('searchChats', {});
		const second = await searchList('searchChats', {}, '', first.paginationToken);
		const third = await searchList('searchChats', {}, '', second.paginationToken);
		expect(scope.isDone()).toBe(true);
		expect([first, second, third].map((page) => [page.results.length, page.paginationToken])).toEqual([
			[PAGE_SIZE, '50'],
			[PAGE_SIZE, '100'],
			[20, undefined],
		]);
		expect([...first.results, ...second.results, ...third.results].map((entry) => entry.value)).toEqual(many.map((chat) => chat.id));
	});

	it('groups come from getContacts, groups only, by name; contacts the people, by name', async () => {
		const contacts = [
			{ id: GROUP, name: 'Project Team', contactName: '', type: 'group' },
			{ id: '79001234567-1479621234@g.us', name: 'Family', contactName: '', type: 'group' },
			{ id: CHAT, name: 'Anna Petrova', contactName: 'Anna (work)', type: 'user' },
			{ id: '79005554433@c.us', name: '', contactName: 'Boris', type: 'user' },
		];
		nock(API_URL).get(apiPath('getContacts')).times(2).reply(200, contacts);
		const groups = await searchList('searchGroups', {});
		const people = await searchList('searchContacts', {});
		expect(groups.results).toEqual([
			{ name: 'Family (79001234567-1479621234@g.us)', value: '79001234567-1479621234@g.us' },
			{ name: `Project Team (${GROUP})`, value: GROUP },
		]);
		expect(people.results).toEqual([
			{ name: `Anna Petrova (${CHAT})`, value: CHAT },
			{ name: 'Boris (79005554433@c.us)', value: '79005554433@c.us' },
		]);
	});

	it('a refused list says why, without the token', async () => {
		nock(API_URL).get(apiPath('getChats')).reply(401, 'Unauthorized');
		const error = (await searchList('searchChats', {}).catch((failure: unknown) => failure)) as Error & Record<string, unknown>;
		expect(error).toBeInstanceOf(Error);
		expect(error.message).toMatch(/401|token|credential/i);
		expectNoSecret(error, TOKEN);
	});
});
