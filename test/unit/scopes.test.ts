import { describe, expect, it } from 'vitest';
import type { ScopeEntry } from '../../src/core/scopes';
import { classifyScope, expandScopes, lookupScope } from '../../src/core';
import english from '../../public/_locales/en/messages.json' with { type: 'json' };

const ADO = '499b84ac-1321-427f-aa17-267ca6975798';

describe('recognising Azure DevOps scopes', () => {
  it('reads bare, resource-id-qualified and URI-qualified forms as the same scope', () => {
    for (const raw of ['vso.code', `${ADO}/vso.code`, 'https://app.vssps.visualstudio.com/vso.code', 'VSO.CODE']) {
      expect(classifyScope(raw, false)).toMatchObject({ name: 'vso.code', resource: 'azure-devops' });
    }
  });

  it('recognises /.default and user_impersonation', () => {
    expect(classifyScope(`${ADO}/.default`, false)).toMatchObject({ name: '.default', resource: 'azure-devops' });
    expect(classifyScope('https://app.vssps.visualstudio.com//.default', false)).toMatchObject({ name: '.default' });
    expect(classifyScope(`${ADO}/user_impersonation`, false).entry?.tier).toBe('critical');
  });

  it('treats unqualified names on Entra as Microsoft Graph, and on the legacy flow as Azure DevOps', () => {
    expect(classifyScope('Mail.Read', false)).toMatchObject({ name: 'Mail.Read', resource: 'microsoft-graph' });
    expect(classifyScope('https://graph.microsoft.com/Mail.Send', false).entry?.id).toBe('Mail.Send');
    expect(classifyScope('user_impersonation', true)).toMatchObject({ resource: 'azure-devops', name: 'user_impersonation' });
  });
});

describe('Microsoft Graph permissions the catalog does not list', () => {
  it('are Graph permissions by their name, never unknown: high privilege when the name writes, sends or reaches the organization', () => {
    for (const name of [
      'Tasks.ReadWrite',
      'Group.ReadWrite.All',
      'RoleManagement.ReadWrite.Directory',
      'Sites.FullControl.All',
      'Mail.Send.Shared',
      'Files.Read.Selected',
    ]) {
      const scope = classifyScope(name, false);
      expect(scope, name).toMatchObject({ resource: 'microsoft-graph', owner: { kind: 'microsoft', name: 'Microsoft Graph' } });
    }
    expect(classifyScope('Group.ReadWrite.All', false).inferredHighPrivilege).toBe(true);
    expect(classifyScope('ChannelMessage.Read.All', false).inferredHighPrivilege).toBe(true);
    expect(classifyScope('https://graph.microsoft.com/Application.ReadWrite.All', false)).toMatchObject({
      resource: 'microsoft-graph',
      inferredHighPrivilege: true,
    });
    // Reading one's own or basic profiles is no high privilege.
    expect(classifyScope('Team.ReadBasic.All', false).inferredHighPrivilege).toBeUndefined();
    expect(classifyScope('Presence.Read', false).inferredHighPrivilege).toBeUndefined();
  });

  it('a bare word, a host-like name or a made-up action is not a Graph permission', () => {
    for (const name of ['Foo', 'evil.example', 'Mail.Steal', 'vso.code_full_plus']) expect(classifyScope(name, false).owner, name).toBeUndefined();
  });
});

describe('the catalog in English (CLI)', () => {
  it('renders its English words when read, not when the module is loaded', () => {
    const entry = lookupScope('vso.code_write')!;
    expect(Object.getOwnPropertyDescriptor(entry, 'canDo')?.get, 'canDo is computed on read').toBeTypeOf('function');
    expect(entry.canDo).toBe(english.scope_vso_code_write_can.message);
    expect(entry.name).toBe(english.scope_vso_code_write_name.message);
  });
});

describe('expanding scopes through the hierarchy', () => {
  it('vso.code_full includes manage, write and read, transitively', () => {
    const effective = expandScopes(['vso.code_full']);
    for (const included of ['vso.code_full', 'vso.code_manage', 'vso.code_write', 'vso.code']) expect(effective).toContain(included);
    expect(effective).toEqual([...effective].sort());
  });

  it('leaves unknown names out and lists each scope once', () => {
    expect(expandScopes(['vso.nonexistent'])).toEqual([]);
    const effective = expandScopes(['vso.code', 'vso.code_write', 'VSO.CODE']);
    expect(new Set(effective).size).toBe(effective.length);
  });

  it('tolerates self-references and cycles in the data (older Microsoft tables had them)', () => {
    const entry = (id: string, includes: string[]): [string, ScopeEntry] => [
      id,
      {
        id,
        resource: 'azure-devops',
        category: 'Test',
        name: id,
        highPrivilege: false,
        includes,
        tier: 'low',
        canDo: 'x'.repeat(20),
        attackerUse: 'y'.repeat(20),
      },
    ];
    const cyclic = new Map([entry('vso.release_manage', ['vso.release_manage', 'vso.release']), entry('vso.release', ['vso.release_manage'])]);
    expect(expandScopes(['vso.release_manage'], cyclic)).toEqual(['vso.release', 'vso.release_manage']);
  });

  it('looks scopes up case-insensitively', () => {
    expect(lookupScope('mail.read')?.id).toBe('Mail.Read');
    expect(lookupScope('VSO.WORK')?.id).toBe('vso.work');
  });
});
