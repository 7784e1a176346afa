import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';

import { useLocalApi } from '../api/client.js';
import { describeApiError } from '../api/errors.js';

const availabilityPollMs = 3000;

export interface SoldOutSkus {
  items: ReadonlySet<string>;
  options: ReadonlySet<string>;
}

/**
 * Reads the truck's sold-out marks in force (set at this counter or by an
 * owner on the server) and returns a toggle that marks one SKU. The query is
 * updated from the mutation's input at once, so a tile greys out before
 * the terminal replies.
 */
export function useAvailability() {
  const api = useLocalApi();
  const queryClient = useQueryClient();
  const listKey = api.availability.list.queryKey();
  const marks = useQuery(
    api.availability.list.queryOptions(undefined, {
      refetchInterval: availabilityPollMs,
    }),
  );

  const soldOut = useMemo<SoldOutSkus>(() => {
    const active = (marks.data ?? []).filter((mark) => mark.soldOut);
    return {
      items: new Set(
        active.filter((m) => m.target === 'item').map((m) => m.sku),
      ),
      options: new Set(
        active.filter((m) => m.target === 'option').map((m) => m.sku),
      ),
    };
  }, [marks.data]);

  const setMark = useMutation(
    api.availability.set.mutationOptions({
      onMutate: async (input) => {
        await queryClient.cancelQueries({ queryKey: listKey });
        const others = (queryClient.getQueryData(listKey) ?? []).filter(
          (mark) => !(mark.sku === input.sku && mark.target === input.target),
        );
        const changedAt = new Date().toISOString();
        queryClient.setQueryData(
          listKey,
          input.soldOut
            ? [...others, { ...input, until: input.until, changedAt }]
            : others,
        );
      },
      onSettled: () => queryClient.invalidateQueries({ queryKey: listKey }),
    }),
  );

  const toggle = (target: 'item' | 'option', sku: string) => {
    const set = target === 'item' ? soldOut.items : soldOut.options;
    setMark.mutate({ sku, target, soldOut: !set.has(sku) });
  };

  const failure = setMark.error ?? marks.error;
  return {
    soldOut,
    toggle,
    errorMessage: failure ? describeApiError(failure).message : null,
  };
}
