/** oidc-provider ships no types; the provider is used through the narrow views in provider.ts. */
declare module 'oidc-provider' {
  // biome-ignore lint/suspicious/noExplicitAny: untyped library boundary
  const Provider: any;
  // biome-ignore lint/suspicious/noExplicitAny: untyped library boundary
  export const errors: any;
  // biome-ignore lint/suspicious/noExplicitAny: untyped library boundary
  export const interactionPolicy: any;
  export default Provider;
}
