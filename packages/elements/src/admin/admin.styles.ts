/** Styles of `<totp-admin>`: filters, downloads, the table of users, standings, pages, a user's detail, the action forms, the dry run. */
import { css } from 'lit';

export const adminStyles = css`
  .filters {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: calc(var(--_space) * 0.75);
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.25em;
  }
  select,
  input[type='search'],
  input[type='date'] {
    font: inherit;
    min-block-size: 44px;
    padding-block: 0.5em;
    padding-inline: 0.75em;
    color: var(--_text);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  input#reason {
    max-inline-size: 32rem;
  }
  select:focus-visible {
    outline: 2px solid transparent;
    box-shadow: var(--_focus);
  }
  .table-wrap {
    overflow-x: auto;
  }
  table {
    border-collapse: collapse;
    inline-size: 100%;
  }
  caption {
    text-align: start;
    font-weight: 600;
    padding-block-end: 0.5em;
  }
  th,
  td {
    text-align: start;
    vertical-align: top;
    padding: 0.5em 0.75em;
    border-block-end: 1px solid var(--_border);
  }
  th {
    background: var(--_surface);
    font-size: 0.875rem;
  }
  .user-id {
    color: var(--_muted);
    font-size: 0.875rem;
    overflow-wrap: anywhere;
  }
  .standing {
    font-weight: 600;
  }
  .standing.blocked {
    color: var(--_danger);
  }
  .standing-detail {
    display: block;
    color: var(--_muted);
    font-size: 0.875rem;
    overflow-wrap: anywhere;
  }
  .row-actions {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.25);
  }
  button.danger {
    background: var(--_danger);
    border-color: var(--_danger);
    color: var(--_on-accent);
  }
  button.open-user {
    min-block-size: 24px;
    text-align: start;
  }
  .exports ul {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.75);
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .exports {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.75);
    margin-block: calc(var(--_space) * 0.5);
  }
  a {
    color: var(--_accent);
  }
  .detail {
    display: grid;
    grid-template-columns: minmax(8rem, max-content) 1fr;
    gap: 0.5em 1em;
  }
  .detail dt {
    font-weight: 600;
  }
  .detail dd {
    margin: 0;
  }
  .authenticators,
  .people {
    margin: 0;
    padding-inline-start: 1.25em;
  }
  input#dry-roles {
    max-inline-size: 32rem;
  }
  input#dry-grace {
    max-inline-size: 6rem;
  }
  .guard {
    padding: 0.75em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .guard.tripped {
    border-color: var(--_danger);
    color: var(--_danger);
  }
  .notice {
    color: var(--_success);
  }
  .notice:empty,
  .status:empty {
    display: none;
  }
`;
