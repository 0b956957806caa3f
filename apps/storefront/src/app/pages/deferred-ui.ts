/**
 * The web/ui components that pages show only in `@defer` blocks (loading and error states,
 * pager), imported from here rather than from `@callshop/web/ui`: a block then loads this
 * module, which brings only them (and Material's button and spinner behind them). A block that
 * loads the library's `index.ts` brings every web/ui module, and the bundler then puts them in
 * one chunk with the price pipe and badge that every page needs at once, Material included.
 */
export { ErrorStateComponent, LoadingStateComponent, PagerComponent } from '@callshop/web/ui';
