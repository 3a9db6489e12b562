// One field wrapper (decision 020): the plain forms' Field and the postmortem
// form's controlled inputs render the same label, hint and error markup, wired
// to the control through aria-describedby the same way.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { TextInput } from '@/components/incidents/form/fields';
import { Field } from './Field';

/** The shell's markup: the ids' scheme made equal and the control itself (its own props) left out. */
const shell = (html: string, id: string) => html.replaceAll(id, 'ID').replace(/<input[^>]*\/>/, '<control/>');
const aria = (html: string, id: string) =>
  /<input[^>]*aria-invalid="true" aria-describedby="([^"]*)"/.exec(html.replaceAll(id, 'ID'))?.[1];

describe('field wrapper', () => {
  it('renders the same shell for Field and the form inputs', () => {
    const errors = ['Enter a name.', 'At most 80 characters.'];
    const field = renderToStaticMarkup(
      createElement(Field, { name: 'name', label: 'Name', hint: 'Shown in lists.', errors, value: '', readOnly: true }),
    );
    const input = renderToStaticMarkup(
      createElement(TextInput, {
        path: 'name',
        label: 'Name',
        hint: 'Shown in lists.',
        errors: { name: errors },
        value: '',
        onValue: () => {},
        readOnly: true,
      }),
    );
    expect(shell(input, 'f-name')).toBe(shell(field, 'field-name'));
    expect(aria(input, 'f-name')).toBe('ID-hint ID-error');
    expect(aria(field, 'field-name')).toBe('ID-hint ID-error');
    expect(field).toContain('aria-describedby="field-name-hint field-name-error"');
    expect(field).toContain('aria-invalid="true"');
  });

  it('names only what is there in aria-describedby', () => {
    const plain = renderToStaticMarkup(createElement(Field, { name: 'email', label: 'Email' }));
    expect(plain).not.toContain('aria-describedby');
    expect(plain).not.toContain('aria-invalid');
  });
});
