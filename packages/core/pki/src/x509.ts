/**
 * The one place that loads @peculiar/x509. tsyringe (used inside it) needs the Reflect metadata
 * polyfill to be installed first (spec: stack.md §3 pitfalls, x509 issue #57), so every module of
 * this package imports x509 from here, never from '@peculiar/x509' directly.
 */
import 'reflect-metadata';

export * as x509 from '@peculiar/x509';
