// The core's public surface: what the CLI and the extension use.
export * from './ir';
export { readSchema, detectFormat, formatExtensions, stopReaderThreads, type ReadOptions } from './readers';
export { analyze, type Analysis, type Cycle, type CycleBreak, type Association } from './analysis/graph';
export { inspectJson, orderText, formatDiagnostic, sortDiagnostics } from './report';
