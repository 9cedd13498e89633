'use strict';
// Empties dist/ before a build (so no file of a removed source is ever packed), and copies what n8n reads beside the
// compiled files: the node and credential icons, and the nodes' codex files.
const fs = require('node:fs');
const { src, dest } = require('gulp');

async function clean() {
	fs.rmSync('dist', { recursive: true, force: true });
}

function copyIcons() {
	return src(['nodes/**/*.{png,svg}', 'nodes/**/*.node.json', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

exports.clean = clean;
exports['build:icons'] = copyIcons;
