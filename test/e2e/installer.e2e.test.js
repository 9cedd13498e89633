'use strict';
// The package as a user installs it: published to a local npm registry and installed by n8n's own Community Nodes
// installer (the REST calls Settings → Community Nodes makes: install, list, update, uninstall). Also proves, in
// that n8n, what only a real n8n shows: the credential test's advice after n8n retries a 401, and "Custom API Call"
// through the HTTP Request node with the GREEN-API credential.
const fs = require('node:fs');
const path = require('node:path');

const { startStack, GREEN_API_CREDENTIAL_ID } = require('./stack');

const PACKAGE = require('../../package.json');
const TOKEN_ADVICE = 'The API token was rejected (HTTP 401): copy apiTokenInstance again from the GREEN-API console';
const INSTANCE_ADVICE =
	'GREEN-API does not know this instance at this host (HTTP 403): check the Instance ID, and that the API URL is the one the console shows for the instance';

let stack;

async function emulatorLog() {
	return await (await fetch(`${stack.emulator.url}/__control/log`)).json();
}

async function clearEmulatorLog() {
	await fetch(`${stack.emulator.url}/__control/log`, { method: 'DELETE' });
}

async function runWorkflow(webhookPath, body) {
	const response = await fetch(`${stack.n8nUrl}/webhook/${webhookPath}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	const text = await response.text();
	return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

async function installedPackages() {
	return await stack.rest.get('/community-packages');
}

function nextPatch(version) {
	const [major, minor, patch] = version.split(/[.-]/).map(Number);
	return `${major}.${minor}.${patch + 1}`;
}

beforeAll(async () => {
	stack = await startStack({
		install: 'registry',
		registryUpdates: true,
		workflowsDir: path.join(__dirname, 'installer-workflows'),
	});
}, 15 * 60 * 1000);

afterAll(async () => {
	await stack?.stop();
}, 60000);

describe("n8n's Community Nodes installer", () => {
	it('installed the package from the local registry, with its nodes, as Settings → Community Nodes lists it', async () => {
		expect(stack.installed).toMatchObject({ packageName: PACKAGE.name, installedVersion: PACKAGE.version });
		const types = stack.installed.installedNodes.map((node) => node.type);
		expect(types).toEqual(expect.arrayContaining([`${PACKAGE.name}.greenApi`, `${PACKAGE.name}.greenApiTrigger`]));
		const [listed, ...others] = await installedPackages();
		expect(others).toEqual([]);
		expect(listed).toMatchObject({ packageName: PACKAGE.name, installedVersion: PACKAGE.version, failedLoading: false });
		expect(listed.updateAvailable).toBeUndefined();
		const nodesFolder = JSON.parse(fs.readFileSync(path.join(stack.userFolder, '.n8n', 'nodes', 'package.json'), 'utf8'));
		expect(nodesFolder.dependencies).toEqual({ [PACKAGE.name]: PACKAGE.version });
	});

	it('runs the installed GREEN-API node', async () => {
		const { status, body } = await runWorkflow('e2e-installed-node', {});
		expect(status).toBe(200);
		expect(body).toHaveLength(2);
		expect(Object.keys(body[0])).toEqual(expect.arrayContaining(['id', 'name', 'type', 'archive']));
	});
});

describe('the credential test in n8n (n8n tests again after a 401, running authenticate on the address it built)', () => {
	const test = async (change) => {
		const credentials = {
			id: GREEN_API_CREDENTIAL_ID,
			name: 'GREEN-API emulator',
			type: 'greenApi',
			data: { ...stack.emulator.credential, ...change },
		};
		return await stack.rest.post('/credentials/test', { credentials });
	};

	it('passes against the emulator', async () => {
		expect(await test({})).toEqual({ status: 'OK', message: 'Connection successful!' });
	});

	it('gives the token advice for a wrong API token, after n8n tried twice', async () => {
		await clearEmulatorLog();
		expect(await test({ apiTokenInstance: 'wrongToken0123456789' })).toEqual({ status: 'Error', message: TOKEN_ADVICE });
		const calls = (await emulatorLog()).map(({ path: requestPath, status }) => [requestPath, status]);
		const expected = [`/waInstance${stack.emulator.idInstance}/getStateInstance/***`, 401];
		expect(calls).toEqual([expected, expected]);
	});

	it('gives the instance advice for a wrong instance id', async () => {
		expect(await test({ idInstance: '1101999999' })).toEqual({ status: 'Error', message: INSTANCE_ADVICE });
	});
});

describe('"Custom API Call": the HTTP Request node with the GREEN-API credential', () => {
	const apiUrl = () => stack.emulator.url;
	const call = async (body) => (await runWorkflow('e2e-custom-api-call', body)).body;

	it.each([
		['a full URL naming the instance', (id) => `${apiUrl()}/waInstance${id}/getStateInstance`],
		['the API URL followed by the method', () => `${apiUrl()}/getStateInstance`],
	])('calls a method given as %s, the token added by the credential', async (_, url) => {
		await clearEmulatorLog();
		expect(await call({ url: url(stack.emulator.idInstance) })).toEqual([{ stateInstance: 'authorized' }]);
		const [request, ...others] = await emulatorLog();
		expect(others).toEqual([]);
		expect(request).toMatchObject({
			httpMethod: 'GET',
			path: `/waInstance${stack.emulator.idInstance}/getStateInstance/***`,
			status: 200,
		});
	});

	it('sends a POST body and keeps a query string', async () => {
		await clearEmulatorLog();
		const [chat] = await call({ url: `${apiUrl()}/getChats` });
		expect(chat).toHaveProperty('id');
		await clearEmulatorLog();
		const answer = await call({
			method: 'POST',
			url: `${apiUrl()}/waInstance${stack.emulator.idInstance}/archiveChat?source=custom`,
			body: { chatId: chat.id },
		});
		expect(answer).toHaveLength(1);
		expect(await emulatorLog()).toMatchObject([
			{
				httpMethod: 'POST',
				path: `/waInstance${stack.emulator.idInstance}/archiveChat/***?source=custom`,
				body: { chatId: chat.id },
			},
		]);
	});

	it('refuses an address on another host or for another instance, sending nothing', async () => {
		await clearEmulatorLog();
		const [foreign] = await call({ url: `http://127.0.0.2:9/waInstance${stack.emulator.idInstance}/getChats` });
		expect(JSON.stringify(foreign)).toContain("is not on the credential's API URL or Media URL host");
		const [other] = await call({ url: `${apiUrl()}/waInstance1101999999/getChats` });
		expect(JSON.stringify(other)).toContain(
			`The address names instance 1101999999, but the credential is for instance ${stack.emulator.idInstance}`,
		);
		expect(JSON.stringify([foreign, other])).not.toContain(stack.emulator.apiTokenInstance);
		expect(await emulatorLog()).toEqual([]);
	});
});

describe('update and uninstall, as Settings → Community Nodes does them', () => {
	it('offers a newer version published to the registry and updates to it', async () => {
		const next = nextPatch(PACKAGE.version);
		stack.registry.publishVersion(stack.packed.tarball, next);
		const [offered] = await installedPackages();
		expect(offered).toMatchObject({ packageName: PACKAGE.name, installedVersion: PACKAGE.version, updateAvailable: next });
		// the screen's Update button sends only the name when unverified packages are allowed (n8n's default)
		const updated = await stack.rest.patch('/community-packages', { name: PACKAGE.name });
		expect(updated).toMatchObject({ packageName: PACKAGE.name, installedVersion: next });
		const [listed] = await installedPackages();
		expect(listed).toMatchObject({ installedVersion: next, failedLoading: false });
		expect(listed.updateAvailable).toBeUndefined();
		const installedManifest = path.join(stack.userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE.name, 'package.json');
		expect(JSON.parse(fs.readFileSync(installedManifest, 'utf8')).version).toBe(next);
		expect((await runWorkflow('e2e-installed-node', {})).body).toHaveLength(2);
	});

	it('uninstalls it', async () => {
		await stack.rest.delete(`/community-packages?name=${encodeURIComponent(PACKAGE.name)}`);
		expect(await installedPackages()).toEqual([]);
		expect(fs.existsSync(path.join(stack.userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE.name))).toBe(false);
		const nodesFolder = JSON.parse(fs.readFileSync(path.join(stack.userFolder, '.n8n', 'nodes', 'package.json'), 'utf8'));
		expect(nodesFolder.dependencies ?? {}).toEqual({});
	});
});
