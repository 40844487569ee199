autocmd BufRead,BufNewFile *.mls setfiletype mls
