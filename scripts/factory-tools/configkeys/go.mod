module whalemountain.local/configkeys

go 1.26.0
