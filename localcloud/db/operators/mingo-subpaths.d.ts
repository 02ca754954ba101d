// mingo publishes these entry points through package.json "exports", which TypeScript's "node" module resolution
// (this project's) does not read; Node and Jest resolve them at run time. Their types are these files.
declare module 'mingo/core' {
  export * from 'mingo/types/core';
}
declare module 'mingo/util' {
  export * from 'mingo/types/util';
}
declare module 'mingo/lazy' {
  export * from 'mingo/types/lazy';
}
