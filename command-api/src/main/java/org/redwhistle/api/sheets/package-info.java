/**
 * Reading the spreadsheets people upload (CSV in UTF-8 or GBK, XLSX) into numbered lines of text cells, with the
 * refusals of a file that cannot be read: one reader for every import (the registry's ledger, the alliance's members).
 */
package org.redwhistle.api.sheets;
